import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  readonly fallback: (reset: () => void) => ReactNode;
  readonly children: ReactNode;
}

/**
 * A rendering bug must not leave a frozen screen with a citizen's data on it: show a plain
 * error, and remount the citizen app (a new session, so the old one's data is gone) after a
 * short pause. Nothing is logged here: the error could carry rendered personal data.
 */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.reset, 10_000);
  }

  override componentWillUnmount(): void {
    clearTimeout(this.timer);
  }

  private readonly reset = (): void => {
    clearTimeout(this.timer);
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback(this.reset) : this.props.children;
  }
}
