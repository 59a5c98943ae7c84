import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

/**
 * The import rules of ../shared/docs/architecture.md, enforced here rather than in review:
 * the embedded cluster (lib/sim) is a separate program that imports nothing of ours.
 */
const simBoundary = {
  target: './lib/sim',
  from: ['./app', './components', './lib/client', './lib/domain', './lib/server', './e2e'],
  message: 'lib/sim is a separate program: it never imports the dashboard (architecture.md).',
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', '.drainboard/**', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
    },
    rules: {
      'import/no-restricted-paths': ['error', { zones: [simBoundary] }],
      'import/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['lib/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/*', '!@/lib/sim', '!@/lib/sim/**'],
              message: 'lib/sim imports nothing of ours outside lib/sim (architecture.md).',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
