import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

export const loader = () => json({ value: 1 });

export default function Index() {
  const { value } = useLoaderData<typeof loader>();
  return <p>{value}</p>;
}
