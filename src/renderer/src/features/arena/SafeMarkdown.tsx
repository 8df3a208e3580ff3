import { memo, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import classes from './arena.module.css';

/** The little of a markdown syntax tree this file touches. */
interface MdNode {
  type: string;
  children?: MdNode[];
  url?: string;
  alt?: string | null;
  value?: string;
}

/**
 * Images become a line of text before anything is rendered: an answer may not make the app fetch
 * a picture (a tracking pixel, a remote URL). The reader still sees that one was there, and where.
 */
function imagesAsText() {
  const walk = (node: MdNode) => {
    node.children?.forEach((child, i) => {
      if (child.type === 'image' || child.type === 'imageReference') {
        node.children![i] = {
          type: 'text',
          value: `[image not shown: ${child.alt?.trim() || 'no description'}${child.url ? ` (${child.url})` : ''}]`,
        };
      } else walk(child);
    });
  };
  return (tree: MdNode) => walk(tree);
}

const textOf = (children: ReactNode): string =>
  typeof children === 'string' ? children : Array.isArray(children) ? children.map(textOf).join('') : '';

const components: Components = {
  // A link is shown as its text and its address, never as something to follow inside the app.
  a: ({ href, children }) => (
    <span className={classes.link}>
      {children}
      {href && href !== textOf(children) && <span className={classes.url}> ({href})</span>}
    </span>
  ),
};

/**
 * Model output as markdown, made safe: raw HTML is dropped (never parsed into elements), images are
 * neither loaded nor rendered, links are plain text with their address, and unsafe URL schemes are
 * emptied by react-markdown's default URL transform.
 */
export const SafeMarkdown = memo(function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className={classes.markdown}>
      <Markdown skipHtml disallowedElements={['img']} remarkPlugins={[imagesAsText]} components={components}>
        {text}
      </Markdown>
    </div>
  );
});

/**
 * A text cut at blank lines outside code fences. While an answer streams only its last block
 * changes, so each earlier block is parsed once and kept (see StreamingMarkdown).
 */
export function markdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length))) fence = fence === null ? marker : null;
    if (fence === null && line.trim() === '' && current.length > 0) {
      blocks.push(current.join('\n'));
      current = [];
    } else if (line.trim() !== '' || current.length > 0) current.push(line);
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}

/**
 * Markdown still being written: block by block, so a growing answer re-parses only its last
 * block each frame. (Reference links or loose lists that span blocks settle when it finishes and
 * is rendered whole.)
 */
export function StreamingMarkdown({ text }: { text: string }) {
  return (
    <>
      {markdownBlocks(text).map((block, i) => (
        <SafeMarkdown key={i} text={block} />
      ))}
    </>
  );
}
