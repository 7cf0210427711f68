/** A non-negative number given on the command line (`--name value`); a bad one ends the run with exit code 2. */
export function numberOption(name: string, text: string | undefined, integer = true): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    console.error(`--${name} must be a ${integer ? 'whole ' : ''}number, got ${text}`);
    process.exit(2);
  }
  return value;
}
