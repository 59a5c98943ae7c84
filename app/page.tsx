import { redirect } from 'next/navigation';
import { viewHref } from '@/components/shell/views';

export default function Home() {
  redirect(viewHref('demo', 'overview'));
}
