// Prettier: the project's layout. Long lines are allowed (the code base reads best at up to 160 columns).
export default {
  singleQuote: true,
  printWidth: 160,
  plugins: ['prettier-plugin-svelte'],
  overrides: [{ files: '*.svelte', options: { parser: 'svelte' } }],
};
