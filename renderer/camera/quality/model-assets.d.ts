// Vite resolves `?url` imports to the emitted asset's URL (https://vite.dev/guide/assets#explicit-url-imports);
// the project does not load vite/client types, so the model weights' imports are declared here.
declare module '*.bin?url' {
  const url: string;
  export default url;
}
