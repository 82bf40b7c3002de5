import { createContext, useContext } from 'react';
import { printerProfile, type PrinterProfile, PrinterProfileId } from '../../drivers/printer/profiles';

/**
 * The configured printer's profile (app.info `printerProfile`), so an on-screen receipt wraps
 * exactly as the paper one would. Provided once around the citizen screens, like the camera label.
 */
export const PrinterProfileContext = createContext<string>('80mm');

export function usePrinterProfile(): PrinterProfile {
  const id = PrinterProfileId.safeParse(useContext(PrinterProfileContext));
  // an unknown id cannot come from a config the host accepted; the wider roll is the safe preview
  return printerProfile(id.success ? id.data : '80mm');
}
