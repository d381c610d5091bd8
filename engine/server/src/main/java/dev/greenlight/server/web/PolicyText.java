package dev.greenlight.server.web;

import dev.greenlight.desk.PolicyCatalogue;
import dev.greenlight.server.web.view.Rows;
import java.util.Comparator;
import java.util.List;

/** The pack's policy catalogue as the pages show it: one policy, or all of them sorted by id. */
final class PolicyText {
    private PolicyText() {
    }

    /** The policy {@code id}, or null when the catalogue does not know it. */
    static Rows.PolicyView of(PolicyCatalogue catalogue, String id) {
        return catalogue.get(id).map(PolicyText::view).orElse(null);
    }

    /** Every policy, by id: the decision form's choices. */
    static List<Rows.PolicyView> all(PolicyCatalogue catalogue) {
        return catalogue.all().stream().map(PolicyText::view).sorted(Comparator.comparing(Rows.PolicyView::id)).toList();
    }

    private static Rows.PolicyView view(PolicyCatalogue.Policy p) {
        return new Rows.PolicyView(p.id(), PageModels.nz(p.title()), PageModels.nz(p.area()), PageModels.nz(p.text()));
    }
}
