// Stands in, in the browser, for the Node-only modules the CLI's library imports (node:fs, the CSV
// parsers): the portal never calls the functions that use them (files, keystores, CSV export).
const nodeOnly = (name: string) => () => {
  throw new Error(`${name} is not available in the browser`);
};
export const readFileSync = nodeOnly('readFileSync');
export const existsSync = () => false;
export const parse = nodeOnly('csv-parse');
export const stringify = nodeOnly('csv-stringify');
export default {};
