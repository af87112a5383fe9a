package org.quorate.server.demo;

import java.util.List;
import org.quorate.server.domain.Role;

/** The shape of {@code demo/demo-data.yaml}. */
record DemoDataSet(String password, List<DemoParty> parties, List<DemoUser> users, List<DemoBody> bodies,
    List<DemoModification> modifications) {

  record DemoParty(String name, String category, String votingGroup) {}

  record DemoUser(String username, String displayName, List<Role> roles, String party) {}

  record DemoMember(String user, String seat, boolean voting, String party, String category) {}

  record DemoBody(String code, String name, String kind, String rules, String chair, List<DemoMember> members) {}

  record DemoStage(String stage, String reason) {}

  record DemoModification(String id, String title, String proposer, String path, boolean urgent, List<DemoStage> stages) {}
}
