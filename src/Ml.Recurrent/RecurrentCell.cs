namespace Ml.Recurrent;

/// <summary>The recurrent cell that reads the token sequence.</summary>
public enum RecurrentCell
{
    /// <summary>Elman RNN (TorchSharp's fused <c>nn.RNN</c>); its non-linearity is
    /// <see cref="RecurrentTextClassifierOptions.RnnActivation"/>.</summary>
    Rnn = 0,

    /// <summary>Long short-term memory (fused <c>nn.LSTM</c>). Fast on CPU through oneDNN's fused kernel.</summary>
    Lstm = 1,

    /// <summary>Gated recurrent unit (fused <c>nn.GRU</c>).</summary>
    Gru = 2,

    /// <summary>
    /// The tutorial's hand-written Elman cell: <c>h' = act(W_ih·x + b_ih + W_hh·h + b_hh)</c> written as two
    /// <c>Linear</c> layers and looped over time in C#. Same maths as <see cref="Rnn"/>, slower; for teaching.
    /// </summary>
    HandWrittenRnn = 3,

    /// <summary>
    /// Your own <see cref="Modeling.RecurrentCellModule"/>, looped over time like
    /// <see cref="HandWrittenRnn"/>. Register its
    /// factory with <see cref="Modeling.RecurrentCellRegistry.Register"/> and name it in
    /// <see cref="RecurrentTextClassifierOptions.CustomCellName"/>; register it again before loading a saved model.
    /// </summary>
    Custom = 4,
}
