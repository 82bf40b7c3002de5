import { createContext, useContext } from 'react';

/**
 * The configured face camera's device label (app.info `cameraLabel`), for the photo screen deep
 * inside the flows without threading it through every view. null: no camera configured, use the
 * default one. The app provides it once, around the citizen screens:
 * `<CameraLabelContext.Provider value={runtime.info.cameraLabel}>`.
 */
export const CameraLabelContext = createContext<string | null>(null);

export function useCameraLabel(): string | null {
  return useContext(CameraLabelContext);
}
