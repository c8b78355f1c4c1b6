// ESLint with typescript-eslint's type-checked rules over everything tsc checks (tsconfig.json's include).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.local/', 'coverage/', 'devTools/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `const { field: _unused, ...rest } = record` is how this code copies a record without a field.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Test doubles of the domain's async ports (in-memory stores, stubbed gateways) are written `async` so that
    // what they return, and what they throw, arrives as a promise and a rejection, as from the real adapters.
    files: ['test/support/in-memory-ports.ts', 'test/support/lifecycle-fakes.ts', 'test/unit/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // Vitest types its asymmetric matchers (expect.any, expect.stringContaining, expect.objectContaining…) as
    // any so that they fit any field of an expected object.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
