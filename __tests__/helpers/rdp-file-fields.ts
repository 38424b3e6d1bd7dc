/** Parses an `.rdp` file into its `name:type` → value fields, to assert what `secure-rdp-hosts rdp-file` wrote. */
export function parseRdpFile(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([^:]+:[isb]):(.*)$/.exec(line);
    if (match) fields.set(match[1], match[2]);
  }
  return fields;
}
