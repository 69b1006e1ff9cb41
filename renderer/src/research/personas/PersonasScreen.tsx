/** The Personas screen (being built). */
export function PersonasScreen() {
  return (
    <section className="research-screen" aria-labelledby="personas-title">
      <h1 id="personas-title">Personas</h1>
    </section>
  );
}
