/**
 * A YAML writer for MLflow `meta.yaml` files: block mappings with keys sorted (as Python's
 * `yaml.safe_dump(sort_keys=True, default_flow_style=False)` writes them), strings always quoted
 * (single quotes with `''` escaping, or double quotes with JSON escapes when the text has control
 * characters) so that ids such as `'0'` stay strings, integers and floats plain, `null`, `[]`, `{}`.
 */
export type YamlScalar = string | number | boolean | null;
export type YamlValue = YamlScalar | readonly YamlScalar[] | { readonly [k: string]: YamlValue };

function scalar(v: YamlScalar): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan';
    if (v === Infinity) return '.inf';
    if (v === -Infinity) return '-.inf';
    return String(v);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(v)) return JSON.stringify(v);
  return `'${v.replace(/'/g, "''")}'`;
}

function key(k: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(k) ? k : scalar(k);
}

function block(obj: { readonly [k: string]: YamlValue }, indent: string): string {
  let out = '';
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k]!;
    if (Array.isArray(v)) {
      if (v.length === 0) out += `${indent}${key(k)}: []\n`;
      else out += `${indent}${key(k)}:\n${v.map((x: YamlScalar) => `${indent}- ${scalar(x)}\n`).join('')}`;
    } else if (v !== null && typeof v === 'object') {
      const inner = v as { readonly [k: string]: YamlValue };
      if (Object.keys(inner).length === 0) out += `${indent}${key(k)}: {}\n`;
      else out += `${indent}${key(k)}:\n${block(inner, `${indent}  `)}`;
    } else {
      out += `${indent}${key(k)}: ${scalar(v)}\n`;
    }
  }
  return out;
}

/**
 * Serialises a mapping to YAML text (see the module comment for the style).
 * @example toYaml({ name: "it's", experiment_id: '0', status: 1 })
 * // "experiment_id: '0'\nname: 'it''s'\nstatus: 1\n"
 */
export function toYaml(obj: { readonly [k: string]: YamlValue }): string {
  return block(obj, '');
}
