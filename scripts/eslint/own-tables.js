// ESLint rule: a module's code may import only its own table types. Another module's data is read
// through that module's service, so a module can change its tables without breaking its neighbours.
import { dirname, relative, resolve, sep } from 'node:path';

/** Folders of src-main/core that are the platform itself, not modules: they see the whole schema. */
const PLATFORM = new Set(['api', 'audit', 'auth', 'db', 'institution', 'platform', 'settings', 'system']);

function coreFolder(file, root) {
  const rel = relative(resolve(root, 'src-main/core'), file);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : null;
}

export const ownTables = {
  meta: {
    type: 'problem',
    docs: { description: 'A module imports only its own tables; other data comes through services.' },
    messages: {
      otherTables:
        'The {{module}} module may not use the {{owner}} module’s tables; call the {{owner}} service instead.',
      wholeSchema:
        'The {{module}} module may not use the whole-database schema; scope its query builder to its own tables.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const module = coreFolder(file, root);
    if (!module || PLATFORM.has(module)) return {};
    function check(node) {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(file), source);
      const owner = coreFolder(target, root);
      if (!owner) return;
      const rest = relative(resolve(root, 'src-main/core', owner), target).split(sep);
      if (owner === 'db' && rest[0] === 'schema') {
        context.report({ node, messageId: 'wholeSchema', data: { module } });
      } else if (
        owner !== module &&
        !PLATFORM.has(owner) &&
        (rest[0] === 'tables' || rest[0] === 'migrations')
      ) {
        context.report({ node, messageId: 'otherTables', data: { module, owner } });
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { 'own-tables': ownTables } };
