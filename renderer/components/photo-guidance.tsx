import { useTranslation } from 'react-i18next';
import type { CaptureReview, LiveGuidance } from '../camera/guidance-state';
import { guidanceKey } from '../camera/quality/guidance';

/**
 * The one instruction that matters most right now, in large type under the preview. The test ids
 * and data attributes let the end-to-end tests read the state without depending on the wording.
 */
export function LiveGuidanceBanner({ guidance }: { readonly guidance: LiveGuidance }) {
  const { t } = useTranslation();
  if (guidance.status === 'shown') {
    const ok = guidance.code === 'ok';
    return (
      <p
        className={ok ? 'photo-guidance photo-guidance-ok' : 'photo-guidance photo-guidance-advice'}
        role="status"
        aria-live="polite"
        data-testid="photo-guidance"
        data-status="shown"
        data-guidance={guidance.code}
      >
        {t(guidanceKey(guidance.code))}
      </p>
    );
  }
  return (
    <p className="photo-guidance photo-guidance-quiet" role="status" aria-live="polite" data-testid="photo-guidance" data-status={guidance.status}>
      {t(guidance.status === 'checking' ? 'photo.guidance.checking' : 'photo.guidance.unavailable')}
    </p>
  );
}

/** Beside the captured photo: fine, or a retake suggested with the reasons. Never a refusal. */
export function CaptureReviewNote({ review }: { readonly review: CaptureReview }) {
  const { t } = useTranslation();
  const common = { 'data-testid': 'photo-review', 'data-status': review.status, role: 'status', 'aria-live': 'polite' } as const;
  switch (review.status) {
    case 'checking':
      return (
        <p className="notice photo-review" {...common}>
          {t('photo.review.checking')}
        </p>
      );
    case 'ok':
      return (
        <p className="notice notice-ok photo-review" {...common}>
          {t('photo.review.ok')}
        </p>
      );
    case 'unavailable':
      return (
        <p className="notice notice-wait photo-review" {...common}>
          {t('photo.review.unavailable')}
        </p>
      );
    case 'retake':
      return (
        <div className="notice notice-wait photo-review" {...common} data-guidance={review.codes.join(' ')}>
          <h2>{t('photo.review.retake')}</h2>
          {review.codes.map((code) => (
            <p key={code} className="photo-review-reason">
              {t(guidanceKey(code))}
            </p>
          ))}
          <p>{t('photo.review.staff')}</p>
        </div>
      );
  }
}
