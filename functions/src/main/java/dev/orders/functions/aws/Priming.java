package dev.orders.functions.aws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: before Lambda snapshots an initialised environment, each adapter makes one harmless,
 * read-only call, so the snapshot already holds loaded classes, a built request pipeline and warmed code,
 * and the first request after a restore does not pay for them.
 */
public final class Priming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** CRaC holds resources weakly: these references keep the registered ones alive. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final String name;
    private final Runnable call;

    Priming(String name, Runnable call) {
        this.name = name;
        this.call = call;
    }

    static void register(String name, Runnable call) {
        Priming priming = new Priming(name, call);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /**
     * A failed priming call is logged, not thrown: the snapshot is still valid, only colder, and throwing
     * here would fail the version's publication over a warm-up.
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("priming {} failed, the snapshot will be colder: {}", name, e.toString());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: clients hold no credentials captured at init (see AwsEnvironment.credentials)
    }
}
