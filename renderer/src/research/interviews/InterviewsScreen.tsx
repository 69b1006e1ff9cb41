/** The Interviews screen (being built). */
export function InterviewsScreen() {
  return (
    <section className="research-screen" aria-labelledby="interviews-title">
      <h1 id="interviews-title">Interviews</h1>
    </section>
  );
}
