// Moves the generated columns of a source map where a line of its file got longer or shorter, so that
// code after a rewritten import still maps to its source. Only each segment's first field (the
// generated column, relative to the segment before it on the same line) changes.
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function decode(text, at) {
  let value = 0;
  let shift = 0;
  let digit;
  let next = at;
  do {
    digit = BASE64.indexOf(text[next++]);
    value += (digit & 31) << shift;
    shift += 5;
  } while (digit & 32);
  return [value & 1 ? -(value >>> 1) : value >>> 1, next];
}

function encode(number) {
  let value = number < 0 ? (-number << 1) | 1 : number << 1;
  let text = "";
  do {
    let digit = value & 31;
    value >>>= 5;
    if (value > 0) digit |= 32;
    text += BASE64[digit];
  } while (value > 0);
  return text;
}

/**
 * `edits`: on 0-based `line`, the text that ended at `column` is now `delta` characters longer (or
 * shorter, negative): every segment at or after that column moves by it.
 */
export function shiftSourceMap(map, edits) {
  const lines = map.mappings.split(";");
  const byLine = new Map();
  for (const edit of edits) byLine.set(edit.line, [...(byLine.get(edit.line) ?? []), edit]);
  for (const [line, onLine] of byLine) {
    // A line without a segment (past the last one) has nothing to move.
    if (lines[line] === undefined) continue;
    let column = 0;
    let moved = 0;
    lines[line] = lines[line]
      .split(",")
      .map((segment) => {
        if (segment === "") return segment;
        const [delta, end] = decode(segment, 0);
        column += delta;
        const shifted =
          column + onLine.reduce((sum, edit) => sum + (column >= edit.column ? edit.delta : 0), 0);
        const text = encode(shifted - moved) + segment.slice(end);
        moved = shifted;
        return text;
      })
      .join(",");
  }
  return { ...map, mappings: lines.join(";") };
}
