/**
 * A small RFC 4180 reader: enough for the call-record exports replayed here, which come with
 * CRLF line ends, a header row and blank fields, and might come with a byte-order mark, quoted
 * fields or a missing newline at the end. Pure: text in, rows out.
 */

/** Split CSV text into rows of fields. Blank lines are skipped; quotes are honoured. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  // Whether the current row has any content yet: a line holding nothing is skipped, not a row of one blank field.
  let rowStarted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    if (rowStarted) {
      row.push(field);
      rows.push(row);
    }
    row = [];
    field = '';
    rowStarted = false;
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      rowStarted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      rowStarted = true;
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += ch;
      rowStarted = true;
    }
  }
  endRow();
  return rows;
}

/**
 * Rows as objects keyed by the header row's names (trimmed). A row shorter than the header
 * gets blanks for the missing fields; extra fields are an error, since they mean the columns
 * are not what the header says.
 */
export function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [head, ...body] = parseCsv(text);
  if (head === undefined) return { header: [], rows: [] };
  const header = head.map((h) => h.trim());
  const rows = body.map((fields, n) => {
    if (fields.length > header.length) {
      throw new Error(`CSV row ${n + 2} has ${fields.length} fields, the header names ${header.length}`);
    }
    const obj: Record<string, string> = {};
    header.forEach((name, i) => {
      obj[name] = (fields[i] ?? '').trim();
    });
    return obj;
  });
  return { header, rows };
}
