import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import prettier from 'eslint-config-prettier';
import importPlugin from 'eslint-plugin-import';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The import rules of ../shared/docs/architecture.md, enforced here rather than in review:
 * the embedded cluster (lib/sim) is a separate program that imports nothing of ours.
 */
const dashboardZones = [
  {
    target: './lib/domain',
    from: ['./app', './components', './lib/client', './lib/server', './lib/sim'],
    message: 'lib/domain is pure and imports nothing of ours (architecture.md).',
  },
  {
    target: ['./components', './lib/client'],
    from: ['./lib/server', './lib/sim'],
    message: 'the browser side never imports lib/server or lib/sim (architecture.md).',
  },
  {
    target: './lib/server',
    from: ['./app', './components', './lib/client'],
    message: 'lib/server never imports the app or the browser side (architecture.md).',
  },
];

const simBoundary = {
  target: './lib/sim',
  from: ['./app', './components', './lib/client', './lib/domain', './lib/server', './e2e'],
  message: 'lib/sim is a separate program: it never imports the dashboard (architecture.md).',
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', '.drainboard/**', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The browser side: hooks rules (React Compiler's checks included), accessible markup, and
  // React Query's rules (stable query keys, no rest destructuring…).
  {
    files: ['app/**/*.tsx', 'components/**/*.{ts,tsx}', 'lib/client/**/*.ts'],
    ...reactHooks.configs.flat.recommended,
  },
  { files: ['**/*.tsx'], ...jsxA11y.flatConfigs.strict },
  ...pluginQuery.configs['flat/recommended'],
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
    },
    rules: {
      'import/no-restricted-paths': ['error', { zones: [simBoundary, ...dashboardZones] }],
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
  {
    // Only lib/server/k8s talks to clusters; the embedded cluster and tests have their own clients.
    files: ['**/*.{ts,tsx}'],
    ignores: ['lib/server/k8s/**', 'lib/sim/**', '**/*.test.ts', 'e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@kubernetes/client-node',
              allowTypeImports: true,
              message:
                'only lib/server/k8s imports @kubernetes/client-node at run time (architecture.md).',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
