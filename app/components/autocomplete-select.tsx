import { useEffect, useRef } from "react";
import { SelectField } from "./form";

type SelectFieldProps = Parameters<typeof SelectField>[0];

// Suggestions are drawn as HTML by the library, so names are escaped first.
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * A select of many names (organisations) that, once the page runs JavaScript, becomes GOV.UK's
 * accessible autocomplete: type part of a name, pick a suggestion. Without JavaScript, and until the
 * library has loaded, it is the plain select, which is also what the form posts.
 */
export function AutocompleteSelectField(props: SelectFieldProps) {
  const field = useRef<HTMLDivElement>(null);
  const id = props.id ?? props.name;
  useEffect(() => {
    const select = field.current?.querySelector<HTMLSelectElement>(`select#${CSS.escape(id)}`);
    if (!select) return;
    let cancelled = false;
    let observer: MutationObserver | undefined;
    void import("accessible-autocomplete").then(({ default: accessibleAutocomplete }) => {
      if (cancelled || !select.isConnected) return;
      const fieldDescription = select.getAttribute("aria-describedby");
      accessibleAutocomplete.enhanceSelectElement({
        selectElement: select,
        defaultValue: "",
        showAllValues: true,
        // Without it the library draws a second, unlabelled input for its inline hint.
        autoselect: false,
        // Leaving the box does not pick the highlighted suggestion: only Enter or a click does.
        confirmOnBlur: false,
        templates: { inputValue: (value) => value ?? "", suggestion: (value) => escapeHtml(value ?? "") },
        tNoResults: () => "No organisation matches",
      });
      const input = field.current?.querySelector<HTMLInputElement>(`input#${CSS.escape(id)}`);
      if (!input) return;
      // The library leaves the select as it was when the text is cleared: cleared means "none" again.
      // What the box says is what is chosen: a name in full, or nothing (cleared, or a name half typed).
      const syncSelect = () => {
        const shown = [...select.options].find((option) => option.value && option.textContent === input.value);
        select.value = shown ? shown.value : "";
      };
      // At once, before a click on the form's button submits it; again after the library's own handling.
      const chooseWhatIsShown = () => {
        syncSelect();
        setTimeout(syncSelect);
      };
      input.addEventListener("blur", chooseWhatIsShown);
      if (!fieldDescription) return;
      // The library points aria-describedby at its own hint only: keep the field's hint and error too.
      const describe = () => {
        const own = (input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
        const wanted = [...new Set([...fieldDescription.split(" "), ...own])].join(" ");
        if (input.getAttribute("aria-describedby") !== wanted) input.setAttribute("aria-describedby", wanted);
      };
      describe();
      observer = new MutationObserver(describe);
      observer.observe(input, { attributes: true, attributeFilter: ["aria-describedby"] });
      if (props.error) input.setAttribute("aria-invalid", "true");
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
    };
    // Enhanced once per mount: the page is mounted afresh after each navigation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div ref={field} className="app-autocomplete">
      <SelectField {...props} />
    </div>
  );
}
