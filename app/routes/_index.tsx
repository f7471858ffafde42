import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSignedIn } from "~/auth/guards.server";
import { navigationFor } from "~/components/navigation";
import { TaskList } from "~/components/task-list";
import { getDb } from "~/db.server";
import { coordinatorTasks } from "~/models/tasks/coordinator-tasks.server";
import { oldestOfEachKind, type MoreTasks } from "~/models/tasks/task";
import { clockAt, organisationTasks } from "~/models/tasks/tasks.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await getSignedIn(request);
  const actor = signedIn?.actor;
  const clock = clockAt();
  // Members and organisation admins see the same tasks: everything here is the organisation's work.
  const own = actor?.organisationId ? await organisationTasks(getDb(), actor.organisationId, clock) : null;
  const coordinating =
    actor?.role === "coordinator" && actor.scope ? await coordinatorTasks(getDb(), actor.scope, clock) : null;
  const all = own ? own.due : coordinating;
  const { listed: tasks, more } = all ? oldestOfEachKind(all) : { listed: null, more: [] as MoreTasks[] };
  return json({
    role: actor?.role ?? null,
    name: signedIn?.user.name ?? null,
    pioneer: actor?.organisationIsPioneer === true,
    tasks,
    moreTasks: more,
    comingUp: own?.comingUp ?? [],
  });
}

export default function Home() {
  const { role, name, pioneer, tasks, moreTasks, comingUp } = useLoaderData<typeof loader>();
  if (!role) {
    return (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Peerlink: learn from NHS trusts that have done it</h1>
          <p className="nhsuk-lede-text">
            Peerlink connects NHS trusts that want to build their quality improvement capability with pioneer trusts
            that can help, through site visits, board-to-board visits, shadowing, mentoring, training and consultancy.
          </p>
          <p>
            Trusts assess their improvement capability, ask for help with named gaps, and are matched with the peers
            best placed to help. Coordinators approve every match, and what is learned is shared.
          </p>
          <Link className="nhsuk-button" to="/login">
            Sign in
          </Link>
        </div>
      </div>
    );
  }
  const links = navigationFor(role, { pioneer }).filter((item) => item.href !== "/");
  return (
    <>
      <h1>Welcome, {name}</h1>
      {tasks ? (
        <>
          <h2>Your tasks</h2>
          <TaskList tasks={tasks} more={moreTasks} />
        </>
      ) : null}
      {comingUp.length > 0 ? (
        <>
          <h2>Coming up</h2>
          <TaskList tasks={comingUp} />
        </>
      ) : null}
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {links.map((item) => (
          <li className="nhsuk-grid-column-one-third nhsuk-card-group__item" key={item.href}>
            <div className="nhsuk-card nhsuk-card--clickable">
              <div className="nhsuk-card__content">
                <h2 className="nhsuk-card__heading nhsuk-heading-m">
                  <Link className="nhsuk-card__link" to={item.href}>
                    {item.label}
                  </Link>
                </h2>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
