// The renderer's rooms and doors (docs/architecture.md), as one ESLint rule:
// - a feature is entered through its door, renderer/features/<name>/index.ts: from another
//   feature or from renderer/app/, an import of any other file of it is refused;
// - renderer/data/ and renderer/kit/ are used by features, never the other way round: they import
//   no feature and nothing of renderer/app/;
// - storage is reached only through the data layer's door, renderer/data/index.ts: Dexie and the
//   adapter's files (renderer/data/dexie/) are imported only inside the data layer.
import { dirname, relative, resolve, sep } from 'node:path';

const posix = (path) => path.split(sep).join('/');

/** Where a module sits: { room: 'feature'|'app'|'kit'|'data'|'platform'|'other', name, rest }. */
function placeOf(file, root) {
  const rel = posix(relative(root, file));
  let m = rel.match(/^renderer\/features\/([^/]+)(?:\/(.*))?$/);
  if (m) return { room: 'feature', name: m[1], rest: m[2] ?? '' };
  m = rel.match(/^renderer\/(app|kit|data|platform)(?:\/(.*))?$/);
  if (m) return { room: m[1], name: m[1], rest: m[2] ?? '' };
  return { room: 'other', name: '', rest: rel };
}

const isDoor = (rest) => rest === '' || /^index(\.tsx?)?$/.test(rest);

export const roomsPlugin = {
  rules: {
    doors: {
      meta: {
        type: 'problem',
        docs: { description: 'Features are entered through their door; data and kit never import features; storage only through the data layer.' },
        schema: [],
      },
      create(context) {
        const root = context.cwd;
        const file = context.filename;
        const from = placeOf(file, root);
        function check(node, spec) {
          if (typeof spec !== 'string') return;
          if (spec === 'dexie' || spec.startsWith('dexie/')) {
            if (from.room !== 'data') context.report({ node, message: 'Only the data layer (renderer/data/) imports Dexie; use the DataStore from renderer/data.' });
            return;
          }
          if (!spec.startsWith('.')) return;
          const to = placeOf(resolve(dirname(file), spec), root);
          if (to.room === 'data' && from.room !== 'data' && !isDoor(to.rest)) {
            context.report({ node, message: `Storage is reached through the data layer's door (renderer/data), not ${spec}.` });
          }
          if ((from.room === 'data' || from.room === 'kit') && (to.room === 'feature' || to.room === 'app')) {
            context.report({ node, message: `renderer/${from.room}/ is used by features and never imports one (${spec}).` });
          }
          if (to.room === 'feature' && (from.room !== 'feature' || from.name !== to.name) && !isDoor(to.rest)) {
            context.report({ node, message: `Enter the ${to.name} feature through its door (renderer/features/${to.name}/index.ts), not ${spec}.` });
          }
        }
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};
