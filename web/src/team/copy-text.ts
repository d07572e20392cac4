/** Copies text to the clipboard; false when the browser refuses (the text stays selectable). */
export const copyText = async (text: string): Promise<boolean> => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
};
