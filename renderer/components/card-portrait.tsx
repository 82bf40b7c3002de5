import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardPortrait as Portrait } from '../../electron/api/contract';

interface Props {
  readonly portrait: Portrait;
}

/**
 * The photo on the citizen's card, as the licensed decoder produced it, or an honest placeholder
 * (issue 3 item 1): a plain outline with words saying why, never a picture that could be taken
 * for the citizen.
 */
export function CardPortrait({ portrait }: Props) {
  return portrait.status === 'decoded' ? <DecodedPortrait bmp={portrait.bmp} /> : <PortraitPlaceholder reason={portrait.status} />;
}

/** The BMP through an object URL revoked when the screen goes away (CSP allows `img-src blob:`). */
function DecodedPortrait({ bmp }: { readonly bmp: Uint8Array<ArrayBuffer> }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(new Blob([bmp], { type: 'image/bmp' }));
    setUrl(objectUrl);
    return () => {
      URL.revokeObjectURL(objectUrl);
      setUrl(null);
    };
  }, [bmp]);
  return (
    <figure className="card-portrait">
      {url === null ? null : <img src={url} alt={t('details.portrait.alt')} className="card-portrait-image" data-testid="card-photo" />}
    </figure>
  );
}

function PortraitPlaceholder({ reason }: { readonly reason: 'decoder-missing' | 'decoder-failed' }) {
  const { t } = useTranslation();
  return (
    <figure className="card-portrait card-portrait-placeholder" data-testid="card-photo-placeholder">
      <svg className="card-portrait-outline" viewBox="0 0 102 126" aria-hidden="true">
        <circle cx="51" cy="44" r="22" />
        <path d="M12 122 C14 92 32 78 51 78 C70 78 88 92 90 122" />
      </svg>
      <figcaption className="card-portrait-note">{t(`details.portrait.${reason}`)}</figcaption>
    </figure>
  );
}
