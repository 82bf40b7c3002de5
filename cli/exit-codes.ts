/** shared/kioskctl.md: exit codes of every command. */
export const EXIT = {
  ok: 0,
  /** input invalid (e.g. a bad ID number, an invalid MRZ) */
  invalidInput: 1,
  usage: 2,
  /** no card presented in time, paper out, cover open */
  deviceNotReady: 3,
  /** port cannot be opened, no answer, repeated bad frames */
  deviceUnreachable: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
