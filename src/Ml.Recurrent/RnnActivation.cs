namespace Ml.Recurrent;

/// <summary>The non-linearity of an Elman RNN cell (<see cref="RecurrentCell.Rnn"/> and
/// <see cref="RecurrentCell.HandWrittenRnn"/>).</summary>
public enum RnnActivation
{
    /// <summary><c>tanh</c>, the classic Elman cell.</summary>
    Tanh = 0,

    /// <summary><c>relu</c>.</summary>
    Relu = 1,
}
