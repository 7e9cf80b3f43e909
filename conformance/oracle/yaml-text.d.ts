/** A .yaml file a module imports is its text (esbuild's text loader in tools/build.mjs; the yaml-as-text plugin in vitest.config.ts). */
declare module '*.yaml' {
  const text: string
  export default text
}
