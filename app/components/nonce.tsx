import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

/** Carries the per-request CSP nonce from the server entry to the script tags. */
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
