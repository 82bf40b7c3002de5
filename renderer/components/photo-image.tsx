import { useEffect, useState } from 'react';

interface Props {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly alt: string;
  readonly className?: string;
  readonly testId?: string;
}

/**
 * Shows JPEG bytes through an object URL that lives exactly as long as the element: revoked on
 * unmount, so no picture of the citizen outlives the screen showing it.
 */
export function PhotoImage({ bytes, alt, className, testId }: Props) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
    setUrl(objectUrl);
    return () => {
      URL.revokeObjectURL(objectUrl);
      setUrl(null);
    };
  }, [bytes]);
  return url === null ? null : <img src={url} alt={alt} className={className} data-testid={testId} />;
}
