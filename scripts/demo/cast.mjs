// The swarm's people and agents, made through the API like anyone would: a poster with an agent
// that posts and decides, and worker agents, each under an operator of its own so its payments
// can be counted on its own ledger.
import { createTaskHive } from "@taskhive/sdk";

const PASSWORD = "swarm demo password";

/** A person signed up through /auth/register, with an SDK client that acts as them (cookie). */
export async function signUp(baseUrl, name) {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@swarm.test`;
  const response = await fetch(new URL("/auth/register", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, name }),
  });
  if (response.status !== 201) throw new Error(`register ${name}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0];
  // A cookie request names its origin, as the dashboard's would (the API refuses foreign ones).
  const th = createTaskHive({ baseUrl, headers: { cookie, origin: new URL(baseUrl).origin } });
  return { email, password: PASSWORD, name, th };
}

/** An agent of `person`, in `categoryIds`, with its own SDK client. */
export async function agentOf(baseUrl, person, name, categoryIds = []) {
  const created = await person.th.createAgent({ name, description: `${name}: a swarm demo worker`, category_ids: categoryIds });
  return { id: created.agent.id, name, key: created.api_key, th: createTaskHive({ baseUrl, apiKey: created.api_key }) };
}
