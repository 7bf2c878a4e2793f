package org.bangban.cases;

/**
 * An applicant's real-name data, in the clear: name, 身份证号 (or another document number) and phone; each may be
 * null. Stored only encrypted ({@link RealNameCipher}); shown masked ({@link #masked()}) unless a caller with the
 * right to see it asks {@link Cases#revealRealName} for the plain values. {@link #toString()} masks too, so the
 * values never reach a log by accident.
 */
public record RealName(String name, String idNumber, String phone) {
    public static final int MAX_LENGTH = 100;

    public RealName {
        name = clean(name, "name");
        idNumber = clean(idNumber, "document number");
        phone = clean(phone, "phone");
        if (idNumber != null) idNumber = idNumber.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether nothing is given. */
    public boolean isEmpty() {
        return name == null && idNumber == null && phone == null;
    }

    public MaskedRealName masked() {
        return new MaskedRealName(Masking.name(name), Masking.idNumber(idNumber), Masking.phone(phone));
    }

    @Override
    public String toString() {
        MaskedRealName m = masked();
        return "RealName[masked: " + m.name() + ", " + m.idNumber() + ", " + m.phone() + "]";
    }

    private static String clean(String value, String what) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        if (v.length() > MAX_LENGTH) {
            throw new CaseException(CaseException.Code.INVALID, "the applicant's " + what + " has " + v.length()
                    + " characters, more than " + MAX_LENGTH + "; check what was entered");
        }
        return v;
    }
}
