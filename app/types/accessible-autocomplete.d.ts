// The package ships no types; only what the organisation chooser calls is declared.
declare module "accessible-autocomplete" {
  interface EnhanceOptions {
    selectElement: HTMLSelectElement;
    defaultValue?: string;
    showAllValues?: boolean;
    confirmOnBlur?: boolean;
    autoselect?: boolean;
    displayMenu?: "inline" | "overlay";
    templates?: { inputValue?: (value: string) => string; suggestion?: (value: string) => string };
    tNoResults?: () => string;
    tStatusQueryTooShort?: (minQueryLength: number) => string;
  }
  const accessibleAutocomplete: { enhanceSelectElement(options: EnhanceOptions): void };
  export default accessibleAutocomplete;
}
