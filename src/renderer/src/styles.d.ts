// Stylesheets are bundled by Vite; TypeScript only needs to know the import is fine.
declare module '*.css';
