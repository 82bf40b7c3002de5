/**
 * A card being laid on the reader, drawn in SVG (no remote images under the CSP); the card's
 * gentle bob is a CSS animation (styles/illustrations.css).
 */
export function CardIllustration() {
  return (
    <svg className="card-illustration" viewBox="0 0 320 240" role="img" aria-hidden="true">
      <rect x="40" y="150" width="240" height="60" rx="14" className="reader-body" />
      <rect x="70" y="160" width="180" height="14" rx="7" className="reader-slot" />
      <g className="card-moving">
        <rect x="80" y="40" width="160" height="100" rx="10" className="card-face" />
        <rect x="96" y="58" width="40" height="50" rx="4" className="card-photo" />
        <rect x="148" y="62" width="76" height="8" rx="4" className="card-line" />
        <rect x="148" y="80" width="60" height="8" rx="4" className="card-line" />
        <rect x="96" y="118" width="128" height="8" rx="4" className="card-line" />
      </g>
      <path d="M160 146 l-12 -14 h24 z" className="card-arrow" />
    </svg>
  );
}
