// kubectl-oracle scenarios: get, in its output formats.
#include "oracle.hpp"

namespace oracle {

void add_get_scenarios(std::vector<scenario>& out) {
    scenario s;
    s.name = "get";
    s.setup = core_setup;
    s.setup_end = core_setup_end;
    s.steps = {
        cmd("get pods"),
        cmd("get pods -o wide"),
        cmd("get po --no-headers"),
        cmd("get pods -l app=web"),
        cmd("get pods -l app=nothing"),
        cmd("get pods -A"),
        cmd("get pods -A -l app=nothing"),
        cmd("get pods --show-labels"),
        cmd("get pods -L app,tier"),
        cmd("get pods -n team-a"),
        cmd("get pods --field-selector status.phase=Running"),
        cmd("get all"),
        cmd("get deploy,svc"),
        cmd("get deploy -o wide"),
        cmd("get rs -o wide"),
        cmd("get svc -o wide"),
        cmd("get nodes"),
        cmd("get nodes -o wide"),
        cmd("get ns"),
        cmd("get cm"),
        cmd("get secrets"),
        cmd("get endpointslices"),
        cmd("get leases -n kube-node-lease"),
        cmd("get pod talker crasher"),
        cmd("get pod talker nope"),
        cmd("get pod nope"),
        cmd("get pod nope --ignore-not-found"),
        cmd("get foo"),
        cmd("get"),
        cmd("get pods --foo"),
        cmd("get pods -z"),
        cmd("get pods -o foo"),
        cmd("get pods -o name"),
        cmd("get deploy,svc -o name"),
        cmd("get pod/talker svc/web"),
        cmd("get pods --show-kind"),
        cmd("gte pods"),
        cmd("xyzzy"),
    };
    out.push_back(std::move(s));

    // get -w: the list, then a row per change until --request-timeout. A label
    // change is scheduled 1s ahead on both clusters; real kubectl's clock only
    // moves once its watch is open.
    scenario w;
    w.name = "get-watch";
    w.setup = core_setup;
    w.setup_end = core_setup_end;
    const auto relabel = [](kubesim::cluster& c) {
        c.engine().schedule_after(1s, [&c] {
            auto p = c.client<kubesim::api::pod>().get("talker").value();
            p.metadata.labels["watched"] += "x";
            (void)c.client<kubesim::api::pod>().update(p).value();
        });
    };
    w.steps = {
        act(relabel),
        waiting("get pods -l app=talker -w --request-timeout=3s", core_setup_end + 3s, 500ms),
        act(relabel),
        waiting("get pods --watch-only --output-watch-events --request-timeout=3s", core_setup_end + 6s, 500ms),
        act(relabel),
        waiting("get pod talker -w --show-labels --request-timeout=3s", core_setup_end + 9s, 500ms),
        cmd("get pods,svc -w"),
    };
    out.push_back(std::move(w));
}

}  // namespace oracle
