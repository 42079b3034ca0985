/**
 * Who a new holder of a post takes over from: one rule for the visit form (a new ambassador) and
 * the role form, and for the preview that names the predecessors before anything is written.
 */
import { type Network, nameIn, type RoleHolding } from '@musubi/core';

/**
 * The posts at `at` still held by someone other than `person` with the same title (or no title
 * on either side): those that a new holder takes over.
 */
export function currentHolders(
  network: Network,
  at: string,
  person: string,
  title: { ja?: string; en?: string } | undefined,
): RoleHolding[] {
  const hasTitle = title !== undefined && (title.ja !== undefined || title.en !== undefined);
  return network.roles(at).filter((holding) => {
    if (holding.entity !== at || holding.person === person || holding.to !== undefined) return false;
    if (holding.title === undefined || !hasTitle) return true;
    return (
      (title.en !== undefined && nameIn(holding.title, 'en') === title.en) ||
      (title.ja !== undefined && nameIn(holding.title, 'ja') === title.ja)
    );
  });
}
