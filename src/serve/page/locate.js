// Where each value of a JSON text is, by the path leadsieve names it with
// ("personas[0][3][1]", "limit_by", "num_of_connections.min"; "" is the
// whole text), so that an error or a warning is shown at its place.  Reads
// as far as the text is JSON: a syntax error gives its position, and the
// paths before it are still found.
'use strict';

function locateJson(text) {
  const paths = new Map();
  let i = 0;
  let error = null;

  function fail(message) {
    if (!error) error = { pos: Math.min(i, text.length), message };
    throw error;
  }
  function ws() {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) i++;
      else break;
    }
  }
  function string() {
    const start = i;
    i++; // the opening quote
    let out = '';
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return { value: out, start, end: i };
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) { i++; fail('bad \\u escape'); }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          out += { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
          i += 2;
        } else {
          i++;
          fail('bad escape');
        }
      } else if (text.charCodeAt(i) < 0x20) {
        fail('control character in a string');
      } else {
        out += c;
        i++;
      }
    }
    fail('string not closed');
  }
  function value(path) {
    ws();
    const start = i;
    const c = text[i];
    let item;
    if (c === '{') item = object(path);
    else if (c === '[') item = array(path);
    else if (c === '"') item = string();
    else {
      const m = /^(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)/
        .exec(text.slice(i, i + 400));
      if (!m) fail(i >= text.length ? 'the text ends where a value should be' : 'not a JSON value');
      i += m[0].length;
      item = { start, end: i };
    }
    const spot = paths.get(path) || {};
    spot.start = start;
    spot.end = i;
    paths.set(path, spot);
    return item;
  }
  function object(path) {
    i++;
    ws();
    if (text[i] === '}') { i++; return; }
    for (;;) {
      ws();
      if (text[i] !== '"') fail('a member name in quotes was expected');
      const key = string();
      const sub = path ? path + '.' + key.value : key.value;
      paths.set(sub, { keyStart: key.start, keyEnd: key.end });
      ws();
      if (text[i] !== ':') fail("':' was expected after the member name");
      i++;
      value(sub);
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return; }
      fail("',' or '}' was expected");
    }
  }
  function array(path) {
    i++;
    ws();
    if (text[i] === ']') { i++; return; }
    for (let n = 0; ; n++) {
      value(path + '[' + n + ']');
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ']') { i++; return; }
      fail("',' or ']' was expected");
    }
  }

  try {
    value('');
    ws();
    if (i < text.length) fail('text after the JSON value');
  } catch (e) {
    if (e !== error) throw e;
  }
  return { paths, error };
}

// 1-based line and column of a position.
function lineColumn(text, pos) {
  let line = 1;
  let last = -1;
  for (let k = text.indexOf('\n'); k !== -1 && k < pos; k = text.indexOf('\n', k + 1)) {
    line++;
    last = k;
  }
  return { line, column: pos - last };
}

// The range a problem at path is shown on: the member's name and value for
// an object member, the value otherwise; for a path the text does not hold
// (a member that should be there), the closest enclosing value found.
function rangeOf(located, path) {
  for (let p = path; ; ) {
    const spot = located.paths.get(p);
    if (spot && spot.start !== undefined)
      return { start: spot.keyStart !== undefined ? spot.keyStart : spot.start, end: spot.end };
    if (spot && spot.keyStart !== undefined) return { start: spot.keyStart, end: spot.keyEnd };
    if (p === '') return null;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
}

if (typeof module !== 'undefined') module.exports = { locateJson, lineColumn, rangeOf };
