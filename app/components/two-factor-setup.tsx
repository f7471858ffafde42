import { Form } from "@remix-run/react";
import { ErrorSummary, SubmitButton, TextField } from "./form";

/** The QR code and typed key of a key being set up, with the box for the first code. */
export function TwoFactorSetup({ qrSvg, typedKey, error }: { qrSvg: string; typedKey: string; error?: string }) {
  return (
    <>
      <ErrorSummary errors={error ? { code: error } : undefined} order={["code"]} />
      <ol className="nhsuk-list nhsuk-list--number">
        <li>Open an authenticator app on your phone, such as Microsoft Authenticator or Google Authenticator.</li>
        <li>Add an account by scanning this QR code.</li>
      </ol>
      {/* Drawn by the server from the key; it holds no script. */}
      <div
        className="peerlink-qr"
        role="img"
        aria-label="QR code for your authenticator app"
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <p>
        If you cannot scan it, enter this key in the app instead: <code data-testid="totp-key">{typedKey}</code>
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="confirm" />
        <TextField
          name="code"
          label="Enter the 6-digit code the app shows"
          width={5}
          autoComplete="one-time-code"
          spellCheck={false}
          error={error}
        />
        <SubmitButton>Turn on two-factor sign-in</SubmitButton>
      </Form>
    </>
  );
}

/** The recovery codes, shown once, straight after setting up. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <>
      <h2>Your recovery codes</h2>
      <p>Keep these somewhere safe. Each one signs you in once if you lose your phone. You will not see them again.</p>
      <ul className="nhsuk-list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </>
  );
}
