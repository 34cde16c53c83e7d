// Placeholder shell: the app-shell helper replaces this with routing, i18n, antd locale and auth.
export function App() {
  return <main>解纷工作台</main>;
}
