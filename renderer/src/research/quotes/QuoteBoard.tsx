/** The Quotes screen (being built). */
export function QuoteBoard() {
  return (
    <section className="research-screen" aria-labelledby="quotes-title">
      <h1 id="quotes-title">Quotes</h1>
    </section>
  );
}
