import { CATEGORIES } from '../../../shared/domain/categories';
import { json, parse, type Io } from '../io';

export async function runCategories(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  if (values.json) {
    io.out(json(CATEGORIES));
    return 0;
  }
  const lines = CATEGORIES.map((c) => {
    const fields = c.fields.map((f) => `${f.key}${f.required ? '*' : ''}:${f.type}`).join(', ');
    const stats = c.inStatistics ? 'stat' : 'added';
    return `${c.code}  ${c.name['zh-CN']}  ${c.name['en-US']}  [${stats}]\n      ${fields || '(no extra fields)'}`;
  });
  io.out(`${CATEGORIES.length} dispute categories (* = required field):\n${lines.join('\n')}\n`);
  return 0;
}
