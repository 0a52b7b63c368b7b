// The bundle carries its stylesheets as text (esbuild's text loader), adopted into the
// widget's shadow root as constructed stylesheets, which a strict CSP allows.
declare module "*.css" {
  const text: string;
  export default text;
}
