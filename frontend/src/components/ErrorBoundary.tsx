import { Component, type ReactNode } from 'react';

interface Props {
  /** What to show instead of the children after a render error; retry mounts them again. */
  fallback: (retry: () => void) => ReactNode;
  children: ReactNode;
}

/**
 * ErrorBoundary keeps a bug in one screen from blanking the whole window:
 * the navigation stays usable and the screen can be mounted again. The
 * error itself (which may hold data) is neither shown nor logged.
 */
export class ErrorBoundary extends Component<Props, { failed: boolean; key: number }> {
  override state = { failed: false, key: 0 };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (this.state.failed) return this.props.fallback(() => this.setState((s) => ({ failed: false, key: s.key + 1 })));
    return <div key={this.state.key} style={{ display: 'contents' }}>{this.props.children}</div>;
  }
}
