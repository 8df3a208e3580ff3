// Stylesheets are bundled by Vite; TypeScript only needs to know the import is fine.
declare module '*.css';

declare module '*.module.css' {
  const classes: Record<string, string>;
  export default classes;
}
