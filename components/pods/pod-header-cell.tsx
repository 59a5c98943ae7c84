import Link from 'next/link';

import { podHref } from '@/lib/client/evictions-request';

import { CELL } from '../ui/framed-table';

/** A table row's header: the pod as `namespace/name`, a link to its page. */
export function PodHeaderCell({
  cluster,
  namespace,
  name,
  className = '',
}: {
  cluster: string;
  namespace: string;
  name: string;
  /** More classes for the cell (a minimum width). */
  className?: string;
}) {
  return (
    <th scope="row" className={`${CELL} ${className} text-left font-normal`}>
      <Link
        href={podHref(cluster, namespace, name)}
        className="font-mono break-all text-blue-700 hover:underline dark:text-blue-400"
      >
        {namespace}/{name}
      </Link>
    </th>
  );
}
