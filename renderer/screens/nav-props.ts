/** The navigation every citizen screen offers. */
export interface NavProps {
  readonly onHome: () => void;
  readonly onBack?: (() => void) | undefined;
  readonly onToggleLanguage: () => void;
}
