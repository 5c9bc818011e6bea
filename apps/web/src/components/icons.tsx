/** Small inline icons (no emoji: machines without an emoji font would show a box). */
export function TrashIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M6 2h4l.5 1H14v1.5H2V3h3.5L6 2Zm-2.5 3.5h9l-.7 8.1a1.5 1.5 0 0 1-1.5 1.4H5.7a1.5 1.5 0 0 1-1.5-1.4L3.5 5.5Zm3 2v5h1v-5h-1Zm2 0v5h1v-5h-1Z"
        fill="currentColor"
      />
    </svg>
  );
}
