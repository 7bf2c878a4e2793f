package org.bangban.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.bangban.queue.HelperProfile;
import org.bangban.store.AlreadyRecordedException;
import org.bangban.store.RecordStore;
import org.bangban.store.RecordStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff accounts of helpers 帮办代办人员 and supervisors 监督人员: creation, password login, and the helper
 * profile the pairing uses (skills, languages, groups, how many sessions at once).
 */
public final class StaffAccounts {
    private static final Logger log = LoggerFactory.getLogger(StaffAccounts.class);
    private static final int NAMES_PER_QUERY = 500;
    private static final String COLUMNS = "id, username, display_name, role, department, skills, languages,"
            + " groups_, max_sessions, disabled, created_at";
    private static final TypeReference<TreeMap<String, Integer>> SKILLS_TYPE = new TypeReference<>() {
    };

    private final RecordStore store;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    /** Checked when the username is unknown, so that a login takes about as long whether or not it exists. */
    private final String dummyHash;

    public StaffAccounts(RecordStore store, PasswordHasher hasher) {
        this(store, hasher, Clock.systemUTC());
    }

    public StaffAccounts(RecordStore store, PasswordHasher hasher, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dummyHash = hasher.hash(UUID.randomUUID().toString().toCharArray());
    }

    /**
     * Creates an account; committed when this returns.
     *
     * @throws IllegalArgumentException when a field is invalid (the message names it)
     * @throws AlreadyRecordedException when the username is taken
     */
    public StaffAccount create(NewStaff n) {
        Objects.requireNonNull(n, "new staff");
        if (n.username() == null || n.username().isBlank()) {
            throw new IllegalArgumentException("a staff account needs a username");
        }
        String username = n.username().strip();
        if (n.role() == null || !n.role().isStaff()) {
            throw new IllegalArgumentException("staff account '" + username + "' must be HELPER or SUPERVISOR, was "
                    + n.role());
        }
        if (n.maxSessions() < 1) {
            throw new IllegalArgumentException("staff account '" + username + "': maxSessions must be at least 1,"
                    + " was " + n.maxSessions());
        }
        Map<String, Integer> skills = checkedSkills(username, n.skills());
        Set<String> languages = checkedList(username, "language", n.languages());
        Set<String> groups = checkedList(username, "group", n.groups());
        if (n.password() == null) throw new IllegalArgumentException("staff account '" + username + "' needs a password");
        String hash;
        try {
            hash = hasher.hash(n.password());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("staff account '" + username + "': " + e.getMessage(), e);
        }
        String displayName = n.displayName() == null || n.displayName().isBlank() ? username : n.displayName().strip();
        String department = n.department() == null || n.department().isBlank() ? null : n.department().strip();
        StaffAccount account = new StaffAccount(Principal.STAFF_PREFIX + UUID.randomUUID(), username, displayName,
                n.role(), department, skills, languages, groups, n.maxSessions(), false, clock.millis());
        String skillsJson = toJson(skills);
        store.write("new staff account '" + username + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_account (" + COLUMNS
                    + ", password_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, account.id());
                ps.setString(2, account.username());
                ps.setString(3, account.displayName());
                ps.setString(4, account.role().name());
                ps.setString(5, account.department());
                ps.setString(6, skillsJson);
                ps.setString(7, String.join(",", new TreeSet<>(languages)));
                ps.setString(8, String.join(",", new TreeSet<>(groups)));
                ps.setInt(9, account.maxSessions());
                ps.setInt(10, 0);
                ps.setLong(11, account.createdAt());
                ps.setString(12, hash);
                if (ps.executeUpdate() == 1) return null;
            }
            throw new AlreadyRecordedException(username, "a staff account with username '" + username
                    + "' already exists; choose another username");
        });
        log.info("staff account created: '{}' ({}, {})", username, account.role(), account.id());
        return account;
    }

    /**
     * The account for a username and password, if they match an enabled account. Empty for an unknown user, a
     * wrong password or a disabled account — the caller cannot tell which, and neither can the one logging in:
     * an unknown username costs a bcrypt check too, so timing does not reveal which usernames exist.
     */
    public Optional<StaffAccount> authenticate(String username, char[] password) {
        if (username == null || password == null) return Optional.empty();
        String name = username.strip();
        Optional<Stored> found = store.read("staff account '" + name + "' for login", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + ", password_hash FROM staff_account WHERE username = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Stored(map(rs), rs.getString("password_hash")))
                            : Optional.<Stored>empty();
                }
            }
        });
        if (found.isEmpty()) {
            hasher.verify(password, dummyHash);
            log.info("staff login refused: no account with username '{}'", name);
            return Optional.empty();
        }
        boolean matches = hasher.verify(password, found.get().passwordHash());
        StaffAccount account = found.get().account();
        if (!matches) {
            log.info("staff login refused: wrong password for '{}' ({})", name, account.id());
            return Optional.empty();
        }
        if (account.disabled()) {
            log.info("staff login refused: account '{}' ({}) is disabled; a supervisor or operator can enable it",
                    name, account.id());
            return Optional.empty();
        }
        return Optional.of(account);
    }

    /** Disables or re-enables an account; returns false when there is no such account. */
    public boolean setDisabled(String id, boolean disabled) {
        boolean changed = store.write((disabled ? "disabling" : "enabling") + " staff account " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE staff_account SET disabled = ? WHERE id = ?")) {
                ps.setInt(1, disabled ? 1 : 0);
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
        if (changed) log.info("staff account {} {}", id, disabled ? "disabled" : "enabled");
        return changed;
    }

    public Optional<StaffAccount> findById(String id) {
        return findOne("id", id);
    }

    public Optional<StaffAccount> findByUsername(String username) {
        return findOne("username", username == null ? null : username.strip());
    }

    /** Enabled helpers (not supervisors), by username. */
    public List<StaffAccount> listHelpers() {
        return store.read("the helper accounts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM staff_account"
                    + " WHERE role = ? AND disabled = 0 ORDER BY username")) {
                ps.setString(1, Role.HELPER.name());
                try (ResultSet rs = ps.executeQuery()) {
                    List<StaffAccount> list = new ArrayList<>();
                    while (rs.next()) list.add(map(rs));
                    return list;
                }
            }
        });
    }

    /**
     * The display names of these staff ids (disabled accounts too: a case keeps who worked on it), in one query per
     * {@value #NAMES_PER_QUERY} ids; an id with no account is left out.
     */
    public Map<String, String> displayNames(java.util.Collection<String> ids) {
        List<String> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, String> names = new java.util.HashMap<>();
        for (int from = 0; from < wanted.size(); from += NAMES_PER_QUERY) {
            List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + NAMES_PER_QUERY));
            store.read("the names of " + chunk.size() + " staff accounts", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id, display_name FROM staff_account WHERE id IN ("
                        + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) names.put(rs.getString(1), rs.getString(2));
                    }
                }
                return null;
            });
        }
        return names;
    }

    /** What the pairing needs to know about a staff member. */
    public HelperProfile toHelperProfile(StaffAccount a) {
        return new HelperProfile(a.id(), a.displayName(), a.skills(), a.languages(), a.department(), a.groups(),
                a.maxSessions());
    }

    private Optional<StaffAccount> findOne(String column, String value) {
        if (value == null) return Optional.empty();
        return store.read("staff account with " + column + " '" + value + "'", c -> findOne(c, column, value));
    }

    private Optional<StaffAccount> findOne(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM staff_account WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private StaffAccount map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String roleName = rs.getString("role");
        Role role;
        try {
            role = Role.valueOf(roleName);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RecordStoreException("staff account " + id + " has role '" + roleName + "', which is not"
                    + " HELPER or SUPERVISOR; correct the row in table staff_account", e);
        }
        return new StaffAccount(id, rs.getString("username"), rs.getString("display_name"), role,
                rs.getString("department"), fromJson(id, rs.getString("skills")), split(rs.getString("languages")),
                split(rs.getString("groups_")), rs.getInt("max_sessions"), rs.getInt("disabled") != 0,
                rs.getLong("created_at"));
    }

    private static Map<String, Integer> checkedSkills(String username, Map<String, Integer> skills) {
        Map<String, Integer> checked = new TreeMap<>();
        if (skills == null) return checked;
        for (var e : skills.entrySet()) {
            String key = e.getKey() == null ? "" : e.getKey().strip();
            if (key.isEmpty() || key.equals(HelperProfile.categorySkill(""))) {
                throw new IllegalArgumentException("staff account '" + username + "': a skill needs a service item"
                        + " id or 'category:<name>'");
            }
            Integer level = e.getValue();
            if (level == null || level < 1 || level > 5) {
                throw new IllegalArgumentException("staff account '" + username + "': proficiency for skill '" + key
                        + "' must be 1 to 5, was " + level);
            }
            checked.put(key, level);
        }
        return checked;
    }

    private static Set<String> checkedList(String username, String what, Set<String> values) {
        Set<String> checked = new LinkedHashSet<>();
        if (values == null) return checked;
        for (String v : values) {
            String s = v == null ? "" : v.strip();
            if (s.isEmpty() || s.contains(",")) {
                throw new IllegalArgumentException("staff account '" + username + "': " + what + " '" + v
                        + "' must be non-blank and contain no comma");
            }
            checked.add(s);
        }
        return checked;
    }

    private static Set<String> split(String list) {
        if (list == null || list.isBlank()) return Set.of();
        Set<String> values = new LinkedHashSet<>();
        Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(values::add);
        return values;
    }

    private String toJson(Map<String, Integer> skills) {
        try {
            return json.writeValueAsString(skills);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write skills as JSON: " + skills, e);
        }
    }

    private Map<String, Integer> fromJson(String id, String skills) {
        if (skills == null || skills.isBlank()) return Map.of();
        try {
            return json.readValue(skills, SKILLS_TYPE);
        } catch (JsonProcessingException e) {
            throw new RecordStoreException("staff account " + id + " has skills that are not a JSON object of"
                    + " proficiencies (" + e.getOriginalMessage() + "); correct column skills, e.g."
                    + " {\"item-1\":3,\"category:税务\":2}", e);
        }
    }

    private record Stored(StaffAccount account, String passwordHash) {
    }
}
