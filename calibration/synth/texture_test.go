package synth

import "testing"

func TestTexturesShowThePattern(t *testing.T) {
	t.Parallel()
	for _, checks := range []bool{false, true} {
		p := palette{shirt: [3]uint8{200, 40, 40}, stripe: [3]uint8{250, 250, 250}, trousers: [3]uint8{40, 55, 95}, checks: checks}
		seen := map[[3]uint8]bool{}
		tex := shirtTexture(&p)
		for i := 0; i+2 < len(tex.Pix); i += 3 {
			seen[[3]uint8{tex.Pix[i], tex.Pix[i+1], tex.Pix[i+2]}] = true
		}
		if !seen[p.shirt] || !seen[p.stripe] {
			t.Errorf("checks=%v: shirt texture lacks the shirt or stripe colour", checks)
		}
		tr := trousersTexture(&p)
		if len(tr.Pix) != 3*tr.Width*tr.Height || tr.Pix[0] == tr.Pix[3*5] && tr.Pix[3*3] == tr.Pix[0] {
			t.Error("trousers texture has no twill")
		}
	}
}
