namespace Fabricish.Channels.Crypto;

/// <summary>The group orders of the curves Fabric's BCCSP signs with, for low-S normalisation.</summary>
internal static class CurveOrder
{
    private static readonly byte[] P256Order = Convert.FromHexString(
        "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    private static readonly byte[] P256HalfOrder = Convert.FromHexString(
        "7FFFFFFF800000007FFFFFFFFFFFFFFFDE737D56D38BCF4279DCE5617E3192A8");

    private static readonly byte[] P384Order = Convert.FromHexString(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973");

    private static readonly byte[] P384HalfOrder = Convert.FromHexString(
        "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE3B1A6C0FA1B96EFAC0D06D9245853BD76760CB5666294B9");

    /// <summary>Order n and n/2 (big-endian, field width) for a key size; false for unsupported curves.</summary>
    public static bool TryGet(int keySizeBits, out ReadOnlySpan<byte> order, out ReadOnlySpan<byte> halfOrder)
    {
        switch (keySizeBits)
        {
            case 256:
                order = P256Order;
                halfOrder = P256HalfOrder;
                return true;
            case 384:
                order = P384Order;
                halfOrder = P384HalfOrder;
                return true;
            default:
                order = default;
                halfOrder = default;
                return false;
        }
    }

    /// <summary>value := order − value, in place (big-endian, same width).</summary>
    public static void SubtractFrom(ReadOnlySpan<byte> order, Span<byte> value)
    {
        int borrow = 0;
        for (int i = value.Length - 1; i >= 0; i--)
        {
            int difference = order[i] - value[i] - borrow;
            borrow = difference < 0 ? 1 : 0;
            value[i] = (byte)(difference + (borrow << 8));
        }
    }
}
